"""Delivery metrics (DORA and sprint velocity). Split by topic; import models from here, not the files."""

from .deployments import Deployment, DeploymentQuerySet
from .incidents import Incident, IncidentQuerySet
from .velocity import SprintVelocity

__all__ = [
    "Deployment",
    "DeploymentQuerySet",
    "Incident",
    "IncidentQuerySet",
    "SprintVelocity",
]
