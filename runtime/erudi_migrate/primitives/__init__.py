"""The registry of primitives: each catalog name maps to the function that implements it."""
from __future__ import annotations

import importlib
from typing import Callable, Dict

# name -> implementation (first parameter: the MigrationContext)
FUNCTIONS: Dict[str, Callable] = {}
# name -> factory computing the value once per context
VALUES: Dict[str, Callable] = {}

# One module per catalog category; issue-5 modules may not exist yet (the catalog test reports them).
MODULES = ("context", "schema", "schema_sync", "lowlevel", "data", "connection", "workflow", "configuration",
           "data_storage", "cubes")


def primitive(name: str) -> Callable[[Callable], Callable]:
    """Registers a function implementing the catalog entry `name` (kind "function")."""
    def register(fn: Callable) -> Callable:
        if name in FUNCTIONS and FUNCTIONS[name] is not fn:
            raise RuntimeError(f"primitive {name!r} is implemented twice")
        FUNCTIONS[name] = fn
        return fn
    return register


def context_value(name: str) -> Callable[[Callable], Callable]:
    """Registers a factory computing the catalog entry `name` (kind "value") for a context."""
    def register(fn: Callable) -> Callable:
        VALUES[name] = fn
        return fn
    return register


def load_all() -> None:
    """Imports every primitive module that exists, so that their decorators register them."""
    for module in MODULES:
        qualified = f"{__name__}.{module}"
        try:
            importlib.import_module(qualified)
        except ModuleNotFoundError as error:
            # Only a missing module itself is tolerated; an import error inside it is a bug to show.
            if error.name != qualified:
                raise
