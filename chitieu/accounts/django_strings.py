"""Django's own messages that its Vietnamese catalogue lacks for the Django we install (its
password validator now says "%d character", the catalogue still has "%(min_length)d"): named
here so that `make messages` keeps their translation in ours. Nothing imports this module."""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
