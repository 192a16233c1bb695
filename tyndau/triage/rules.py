"""Who may do what in triage (django-rules), always inside the user's territory.

- see suggestions and similar appeals of an appeal: whoever may view the appeal;
- label an appeal's topic (accept or change the suggestion): who may register or assign
  (clerk, akim, deputy);
- link appeals as one problem, unlink, answer a problem together: akim, deputy, clerk;
- retrain the model: administrators (and superusers, through the command).
"""

import rules

from tyndau.territory.models import Role
from tyndau.territory.rules import role_in_scope

dispatchers = role_in_scope(Role.AKIM, Role.DEPUTY, Role.CLERK)
leaders = role_in_scope(Role.AKIM, Role.DEPUTY)

rules.add_perm("triage.label_topic", dispatchers)
rules.add_perm("triage.link_problem", dispatchers)
rules.add_perm("triage.answer_problem", leaders)
