"""Reliability and security suite (issue 6).

- ``matrix.py`` + ``test_authorization_matrix.py``: one table of every page and API operation
  × every role, with completeness checks against the URL resolver and the OpenAPI document.
- ``test_csrf.py``: state-changing requests without a CSRF token are refused.
- ``test_login_rate_limit.py``: sign-in lockout (``asar.accounts.throttle``).
- ``test_hostile_input.py``: uploads, zip bombs, script in text, SQL-looking search, traversal.
- ``test_task_retry.py``: a Celery task retried after a real SMTP 421, one e-mail only.
- ``test_password_hashing.py``: Argon2 first in production; old hashes upgraded.
"""
