from django.conf import settings


def site(request):
    """What every page shows, whoever asks (the user's roles: territory.context_processors)."""
    return {
        "LANGUAGES_AVAILABLE": settings.LANGUAGES,
        "SITE_NAME": "Tyndau",
        "TILE_URL": settings.TYNDAU_TILE_URL,
    }
