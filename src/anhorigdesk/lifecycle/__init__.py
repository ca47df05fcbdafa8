"""A carer's data over its life (livscykel): when a record is to be thinned out (gallring,
:mod:`anhorigdesk.lifecycle.retention`). Qt-free; the server's ``gallring`` run and the
laptop's views build on it."""
