"""The life cycle of a carer's data (issue #13): closing and reopening a case (avsluta
stödet), corrections that keep the original readable (rättelse), the register extract
(registerutdrag) and thinning (gallring). Qt-free; the screens reach it through the
Workspace."""
