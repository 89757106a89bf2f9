"""Customer tokens: short-lived, signed, scoped to one customer of one tenant.

A storefront's back end asks for one (``POST /v1/customer-tokens``) and hands it to the
customer's browser, which then never holds the shop's key. The token is an itsdangerous
signed payload (HMAC-SHA256 with the server's secret key) carrying tenant, customer, the
issuing key and an expiry; revoking the issuing key revokes its tokens too.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.engine import Engine

from fitsvc.auth.keys import active_key
from fitsvc.auth.principal import CUSTOMER, Principal
from fitsvc.errors import InvalidInput

PREFIX = "fct_"
MAX_TTL_S = 24 * 3600
DEFAULT_TTL_S = 3600


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="fitsvc.customer-token",
                             signer_kwargs={"digest_method": hashlib.sha256})


def issue(secret_key: str, issuer: Principal, customer_id: str, ttl_s: int = DEFAULT_TTL_S,
          now: float | None = None) -> dict[str, Any]:
    """A token for ``customer_id`` in the issuer's tenant, valid ``ttl_s`` seconds."""
    if not 60 <= ttl_s <= MAX_TTL_S:
        raise InvalidInput("ttl_s must be 60–86400 seconds", code="invalid_ttl")
    expires = int((now or time.time()) + ttl_s)
    body = {"t": issuer.tenant, "c": customer_id, "k": issuer.key_id, "e": expires}
    token = PREFIX + str(_serializer(secret_key).dumps(body))
    return {"token": token, "customer_id": customer_id, "expires_at": expires, "ttl_s": ttl_s}


def verify(engine: Engine, secret_key: str, presented: str, now: float | None = None,
           lookup: Callable[[str], Any] | None = None) -> Principal | None:
    """The token's customer principal, or None if forged, expired or its key was revoked
    (``lookup``: how to find an active key's row, e.g. ``KeyReads.active``)."""
    if not presented.startswith(PREFIX):
        return None
    try:
        body = _serializer(secret_key).loads(presented.removeprefix(PREFIX))
    except BadSignature:
        return None
    if not isinstance(body, dict) or int(body.get("e", 0)) < (now or time.time()):
        return None
    key_id = str(body.get("k"))
    if (lookup(key_id) if lookup is not None else active_key(engine, key_id)) is None:
        return None
    return Principal(tenant=str(body["t"]), role=CUSTOMER, key_id=str(body["k"]),
                     customer_id=str(body["c"]))
