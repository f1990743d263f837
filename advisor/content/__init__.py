"""Curated content as files: ``content/`` is loaded into the database and exported back.

Layout (all YAML, long text as block scalars, lists in display order):

- ``sources.yaml``         sources
- ``criteria.yaml``        ``categories`` and ``criteria``
- ``frameworks/<slug>.yaml`` one framework each
- ``ratings/<slug>.yaml``  one framework's ratings, each with its evidence
- ``use-cases.yaml``       use cases with their fits and questionnaire presets
- ``questions.yaml``       questions, their choices and each choice's scoring effects
- ``pitfalls.yaml``, ``migrations.yaml``, ``faq.yaml``, ``figures.yaml``, ``incidents.yaml``,
  ``verdicts.yaml``, ``hybrids.yaml``
- ``lab/<run>.yaml``        one lab run each, with its measurements (``advisor/lab/content.py``)

Entries are matched by slug, so loading is idempotent. A field left out of an entry takes its default; the
exporter leaves out fields that hold their default, so a load followed by an export reproduces the files
byte for byte. Positions come from the order of entries in a file, or from an entry's ``position`` where a curator
made it differ (ties, gaps).

Modules, one job each: ``schema`` (what each file may hold, and checking an entry against it), ``files``
(reading and writing YAML), ``export`` (database to files), ``load`` (files to database).
"""
