"""Demo data: the demo companies and people (data), their SSH keys (keys), scale data (scale)."""

from store.demo.data import create_demo

__all__ = ["create_demo"]
