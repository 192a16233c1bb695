import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")

# A production start without SECRET_KEY stops here with a clear message.
from tyndau.core.security import require_secret_key  # noqa: E402

require_secret_key()
application = get_wsgi_application()
