from django.db import models


class Item(models.Model):
    """The lab's one table, created by the runner; Django reads it and never migrates it."""

    name = models.CharField(max_length=50)
    price = models.FloatField()

    class Meta:
        managed = False
        db_table = "item"

    def __str__(self):
        return self.name
