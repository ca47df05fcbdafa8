"""The screens of a carer's data life cycle (issue #13): closing and reopening a case,
ending a relation, correcting an entry and the register extract's review. Data through the
Workspace (``lifecycle/`` in the core)."""
