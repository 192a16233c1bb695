"""Signals of the territory tree, for the apps that keep figures by place."""

from django.dispatch import Signal

# Sent inside the transaction of ``territory_save`` when a territory gets another parent,
# code or level (its subtree moves): before the move and after it, with
# ``territory_ids``, the ids of the territory and of everything below it. Maintained
# aggregates take the subtree's counts off before and put them back after.
subtree_moving = Signal()
subtree_moved = Signal()
