from django.conf import settings


def site(request):
    return {
        "LANGUAGES_AVAILABLE": settings.LANGUAGES,
        "SITE_NAME": "Tyndau",
        "TILE_URL": settings.TYNDAU_TILE_URL,
    }
