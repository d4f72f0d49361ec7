"""Delivery metrics (DORA and sprint velocity). Split by topic; import models from here, not the files."""

from .deployment import Deployment, DeploymentQuerySet
from .incident import Incident, IncidentQuerySet
from .velocity import SprintVelocity

__all__ = [
    "Deployment",
    "DeploymentQuerySet",
    "Incident",
    "IncidentQuerySet",
    "SprintVelocity",
]
