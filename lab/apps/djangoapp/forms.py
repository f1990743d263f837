from django import forms


class ItemForm(forms.Form):
    name = forms.CharField(max_length=50)  # strips whitespace by default
    price = forms.FloatField(min_value=0)
    quantity = forms.IntegerField(min_value=1)
