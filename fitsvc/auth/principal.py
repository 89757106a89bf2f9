"""The caller of a request, as the access layer established it."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("admin", "storefront", "tailor")  # roles an API key can have
CUSTOMER = "customer"  # the role of a customer token


@dataclass(frozen=True)
class Principal:
    """A tenant, a role and the key behind it; ``customer_id`` for customer tokens."""

    tenant: str
    role: str
    key_id: str
    customer_id: str | None = None

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        return f"customer-token:{self.key_id}" if self.customer_id else self.key_id

    def may(self, roles: frozenset[str]) -> bool:
        """Admin keys may do everything within their tenant; others only what is listed."""
        return self.role == "admin" or self.role in roles
