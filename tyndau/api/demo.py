"""Demo: an API token for the demo clerk, so the REST API and Open311 can be tried at once."""

from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token


def seed_api_token(*, log=print):
    clerk = get_user_model().objects.filter(username="clerk").first()
    if clerk is None:
        return
    token, _ = Token.objects.get_or_create(user=clerk)
    log(
        f"API token of the demo clerk (REST: 'Authorization: Token …'; Open311: api_key): "
        f"{token.key}  — guide at http://127.0.0.1:8000/api/"
    )
