"""The correction form: what is wrong (plain text), a source that says so (http or https), an optional email,
and a honeypot field that people never see."""

from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.core.validators import URLValidator

from .models import SOURCE_MAX, TEXT_MAX, Correction


class CorrectionForm(forms.ModelForm):
    text = forms.CharField(
        label="What is wrong",
        max_length=TEXT_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"In your own words: what the guide should say instead, and why. Plain text, up to {TEXT_MAX:,} "
        "characters.",
        error_messages={"required": "Say what is wrong: this field is empty."},
    )
    source_url = forms.CharField(
        label="A source that supports the correction",
        max_length=SOURCE_MAX,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text="The address (http or https) of official documentation, release notes or another page that says so.",
        error_messages={"required": "Give the address of a source: this field is empty."},
    )
    email = forms.EmailField(
        label="Your email (optional)",
        required=False,
        max_length=254,  # the model's
        help_text="Only if you would like a curator to be able to ask you about it. It is never shown.",
    )
    # The honeypot: hidden by the stylesheet and from assistive technology; people leave it empty, bots do not.
    website = forms.CharField(
        label="Leave this field empty", required=False, widget=forms.TextInput(attrs={"tabindex": "-1"})
    )

    class Meta:
        model = Correction
        fields = ["text", "source_url", "email"]

    def clean_source_url(self) -> str:
        value = self.cleaned_data["source_url"].strip()
        try:
            parts = urlsplit(value) if "://" in value else None
        except ValueError:  # e.g. an unclosed IPv6 bracket
            raise forms.ValidationError("That is not a valid web address: check it and paste it again.") from None
        if parts is None or parts.scheme.lower() not in ("http", "https"):
            raise forms.ValidationError("The source must be a web address starting with http:// or https://.")
        value = urlunsplit(parts._replace(scheme=parts.scheme.lower()))
        try:
            URLValidator(schemes=["http", "https"])(value)
        except forms.ValidationError:
            raise forms.ValidationError("That is not a valid web address: check it and paste it again.") from None
        return value

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
