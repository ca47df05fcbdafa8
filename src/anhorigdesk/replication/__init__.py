"""The rules every replica shares (pure: no Qt, no database, no network).

* :mod:`~anhorigdesk.replication.merge`: the deterministic merge of mutations into a
  record's state: where a concurrent edit becomes a conflict or a delete is survived,
  and the causal context (``ctx``) a new write carries;
* :mod:`~anhorigdesk.replication.integrity`: scopes and the checksums both sides keep of
  them, and their combined digest.

The laptop's store (each write's ``ctx``, its migrations), the sync replica and the
server all build on these; this package imports nothing else of AnhörigDesk.
"""
