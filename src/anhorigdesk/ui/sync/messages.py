"""Plain words for sync states and failure codes (translatable; never personal data)."""

from __future__ import annotations

from anhorigdesk.ui.qt import QCoreApplication


def error_text(code: str | None) -> str:
    """What went wrong, in words a user can act on, for a code from the engine,
    the server or the account module."""
    if not code:
        return ""
    # The texts are written out as literals so pyside6-lupdate finds them.
    texts = {
        "server_unavailable": QCoreApplication.translate(
            "SyncMessages", "The server cannot be reached. Your work is saved on this computer; "
            "sync tries again by itself."),
        "certificate": QCoreApplication.translate(
            "SyncMessages", "The server's certificate is not trusted. Choose your municipality's "
            "certificate file (CA bundle) when you sign in."),
        "auth_required": QCoreApplication.translate(
            "SyncMessages", "You are signed out from the server. Sign in again to sync."),
        "token_invalid": QCoreApplication.translate(
            "SyncMessages", "Your session on the server has ended. Sign in again to sync."),
        "login_failed": QCoreApplication.translate(
            "SyncMessages", "The user name or the password is wrong."),
        "login_rate_limited": QCoreApplication.translate(
            "SyncMessages", "Too many sign-in attempts. Wait a few minutes and try again."),
        "device_other_user": QCoreApplication.translate(
            "SyncMessages", "This computer is registered to another user on the server. "
            "Ask your administrator."),
        "device_revoked": QCoreApplication.translate(
            "SyncMessages", "This computer has been blocked from syncing by the administrator "
            "(reported lost or stolen). Ask your administrator."),
        "protocol_unsupported": QCoreApplication.translate(
            "SyncMessages", "This version of AnhörigDesk does not match the server. Update the program."),
        "protocol_server_old": QCoreApplication.translate(
            "SyncMessages", "The server is older than this version of AnhörigDesk. Ask IT support to "
            "update the server; your work is saved on this computer."),
        "account_disabled": QCoreApplication.translate(
            "SyncMessages", "Your account on the server is disabled. Ask your administrator to enable it."),
        "protocol_missing": QCoreApplication.translate(
            "SyncMessages", "This version of AnhörigDesk does not match the server. Update the program."),
        "forbidden_scope": QCoreApplication.translate(
            "SyncMessages", "The server refused some changes because your account has no access "
            "to them. They are kept on this computer."),
        "integrity_mismatch": QCoreApplication.translate(
            "SyncMessages", "The server and this computer still disagree after a check. "
            "Contact support; nothing has been lost here."),
        "epoch_unstable": QCoreApplication.translate(
            "SyncMessages", "The server is being restored. Sync tries again later."),
        "push_stuck": QCoreApplication.translate(
            "SyncMessages", "The server does not accept this computer's changes in order. Contact support."),
        "client_history_lost": QCoreApplication.translate(
            "SyncMessages", "This computer's data is older than what the server has received from it. "
            "Contact support before you write more."),
        "bad_address": QCoreApplication.translate(
            "SyncMessages", "The server address is not valid. Write it as sync.kommun.se or "
            "https://sync.kommun.se."),
        "insecure_address": QCoreApplication.translate(
            "SyncMessages", "The server address must start with https://."),
        "ca_bundle_missing": QCoreApplication.translate(
            "SyncMessages", "The certificate file was not found. Sign in again and choose your "
            "municipality's certificate file (CA bundle)."),
        "ca_bundle_invalid": QCoreApplication.translate(
            "SyncMessages", "The chosen file is not a certificate file (PEM). Choose the certificate "
            "file (CA bundle) your municipality gave you."),
        "no_unit": QCoreApplication.translate(
            "SyncMessages", "Your account on the server belongs to no unit. Ask your administrator."),
        "linked_to_other_user": QCoreApplication.translate(
            "SyncMessages", "This profile already holds data synced for another account. "
            "Create a new profile to sign in with that account."),
        "demo_profile": QCoreApplication.translate(
            "SyncMessages", "This profile holds fictional demo data and is never synced, so that the "
            "invented carers do not reach your colleagues. Create a profile without demo data to sign in."),
        "keyring": QCoreApplication.translate(
            "SyncMessages", "The sign-in could not be kept in the computer's keychain."),
        "cancelled": QCoreApplication.translate("SyncMessages", "The sync was cancelled."),
        "internal": QCoreApplication.translate(
            "SyncMessages", "Sync stopped because of an error in the program. It tries again later."),
    }
    if code in texts:
        return texts[code]
    if code.startswith("forbidden"):
        return texts["forbidden_scope"]
    return QCoreApplication.translate("SyncMessages", "Sync did not succeed (code %1). It tries again later.").replace(
        "%1", code)


def sign_in_error_text(code: str | None) -> str:
    """What went wrong with a sign-in, for the sign-in dialog: the person is waiting for
    it, so nothing "tries again by itself" there."""
    if code == "server_unavailable":
        return QCoreApplication.translate(
            "SyncMessages", "The server cannot be reached. Check the server address and that this "
            "computer is online, then try again.")
    if code == "internal":
        return QCoreApplication.translate(
            "SyncMessages", "Signing in did not work because of an error in the program. Try again; "
            "if it happens again, contact IT support.")
    return error_text(code)


def error_code(exc: BaseException) -> str:
    """The code to show for an exception from signing in (its text is never shown)."""
    from anhorigdesk.profiles.keys import KeyError_
    from anhorigdesk.sync.account import AccountError
    from anhorigdesk.sync.protocol import ServerUnavailable, SyncError

    if isinstance(exc, AccountError):
        return exc.code
    if isinstance(exc, KeyError_):
        return "keyring"
    if isinstance(exc, ServerUnavailable):
        cause = exc.__cause__
        if "CERTIFICATE_VERIFY_FAILED" in str(cause) or "certificate verify failed" in str(cause):
            return "certificate"
        return "server_unavailable"
    if isinstance(exc, SyncError):
        return exc.code or "server_unavailable"
    return "internal"


__all__ = ["error_code", "error_text", "sign_in_error_text"]
