"""The lab on the site: its models (``models``), its run files as content (``content``), what its numbers say
for the pages (``presentation``) and its views (``views``). The lab itself, the apps and the runner that
measure them, is ``lab/`` at the top of the repository."""
