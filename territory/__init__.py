"""Claimed Ground's engine: load claims, validate them, and answer what was claimed when."""

from .dataset import Dataset, load_dataset, resolve_data_dir
from .problems import DatasetError, Problem
from .regions import load_backdrop, load_regions
from .snapshot import control_snapshot, implied_national_share

__all__ = [
    "Dataset",
    "DatasetError",
    "Problem",
    "control_snapshot",
    "implied_national_share",
    "load_backdrop",
    "load_dataset",
    "load_regions",
    "resolve_data_dir",
]
