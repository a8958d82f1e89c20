"""What the server itself says to a session is in the session's language, as its commands are
(verification trial: `ssh -o SetEnv=LANG=fr_FR.UTF-8 … </dev/null` got the English no-terminal
line, while `show plan` the same way was French)."""

from __future__ import annotations

FRENCH = ("-o", "SetEnv=LANG=fr_FR.UTF-8")


def test_the_no_terminal_line_speaks_the_sessions_language(server, demo):
    result = server.ssh("jonas", options=("-T", *FRENCH))
    assert result.returncode == 2
    assert result.stderr.decode() == ("mycompany: pas de terminal pour afficher les écrans\u00a0: "
                                      "utilisez ssh -t, ou donnez une commande\n")
    assert "Professionnel" in server.ssh("jonas", "show", "plan", options=FRENCH).stdout.decode()


def test_a_command_refused_at_the_door_is_refused_in_it_too(server, demo):
    result = server.ssh("jonas", "--db", "sqlite:///x", "show", "plan", options=FRENCH)
    assert result.returncode == 2
    assert result.stderr.decode() == ("mycompany: --db n'est pas disponible par SSH\u00a0: le "
                                      "serveur choisit la base de données.\n")
