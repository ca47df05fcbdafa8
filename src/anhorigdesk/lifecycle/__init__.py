"""The life cycle of a carer's data (livscykel, issue #13): closing and reopening a case
(avsluta stödet, :mod:`~anhorigdesk.lifecycle.case`), corrections that keep the original
readable (rättelse, :mod:`~anhorigdesk.lifecycle.corrections`), the register extract
(registerutdrag, :mod:`~anhorigdesk.lifecycle.extract`) and when a record is to be thinned out
(gallring, :mod:`~anhorigdesk.lifecycle.retention`; the server's ``gallring`` run and the
laptop's purge build on it). Qt-free; the screens reach it through the Workspace."""
