"""Version 1 of the REST API. One module per area; ``tyndau.api.urls`` registers them."""
