"""Who is calling: API keys per tenant and role, customer tokens, the audit log.

Pure of Flask: the HTTP edge (``fitsvc.api.access``) turns an ``Authorization`` header into
a :class:`~fitsvc.auth.principal.Principal` with these functions.
"""
