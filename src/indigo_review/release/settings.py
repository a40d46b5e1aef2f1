"""The release job's settings: the file, the recipient and the legal basis with its particulars.

No pandas here: the command line checks a release request before any run folder exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..contract import JobSettings
from ..errors import InputError, ParameterError
from ..vocabulary import ENTITIES

ANONYMOUS, CONSENT, OUTSOURCING, SHARED_USE, LAW = "anonymous", "consent", "outsourcing", "shared-use", "law"
BASES = (ANONYMOUS, CONSENT, OUTSOURCING, SHARED_USE, LAW)
POLICY_CLAUSE = {ANONYMOUS: "3(1)", CONSENT: "3", OUTSOURCING: "3(2)", SHARED_USE: "4", LAW: "3(3)"}


@dataclass(frozen=True)
class ReleaseSettings(JobSettings):
    """What the person releasing a file asserts: the file, recipient, basis and the basis's own particulars."""

    JOB: ClassVar[str] = "release"

    recipient: str = ""
    basis: str = ""
    recipient_address: str = ""
    recipient_representative: str = ""
    contract: str = ""
    legal_basis: str = ""
    path: str = ""
    shared_use_path: str = ""
    members_dir: str = ""  # the members table (registry and consent); "" is the workspace's data folder
    allow_entities: tuple[str, ...] = ()  # items the releaser explicitly provides (CREDIT_CARD)
    lang: str = ""  # ja or en; "" is the workspace's setting, else the locale
    workspace: str = ""

    def check_particulars(self) -> ReleaseSettings:
        """Raise ParameterError (exit 2) for an unknown basis or a particular the basis needs but lacks."""
        if self.basis not in BASES:
            raise ParameterError(None, f"unknown basis '{self.basis}'", f"use one of {', '.join(BASES)}")
        if not self.recipient.strip():
            raise ParameterError(None, "the recipient is empty", "name the recipient with --to")
        if self.basis == OUTSOURCING and not self.contract.strip():
            raise ParameterError(
                None,
                "an outsourcing release needs the contract",
                "name the outsourcing contract that includes confidentiality with --contract",
            )
        if self.basis == LAW and not self.legal_basis.strip():
            raise ParameterError(
                None, "a release required by law needs the law", "name the law or order with --legal-basis"
            )
        return self

    def validate(self) -> ReleaseSettings:
        """The particulars, and the files they name: the file to release, the members table, the notice."""
        self.check_particulars()
        if self.path and not Path(self.path).is_file():
            raise InputError(self.path, "file not found", "check the path of the file to release")
        unknown = sorted(set(self.allow_entities) - set(ENTITIES))
        if unknown:
            raise ParameterError(None, f"unknown entity {', '.join(unknown)}", f"use one of {', '.join(ENTITIES)}")
        if self.members_dir and not Path(self.members_dir).is_dir():
            raise InputError(self.members_dir, "is not a folder", "give --members the folder that holds members.csv")
        if self.basis == SHARED_USE and not self.shared_use_path:
            raise ParameterError(None, "a shared-use release needs the notice", "give --shared-use FILE (TOML)")
        return self
