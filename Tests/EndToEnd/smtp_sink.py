"""An SMTP relay on loopback for end-to-end tests: accepts every message (RFC 5321's commands that Skyport
sends, no TLS, no authentication) and keeps it, parsed with the standard library's email package."""
import email
import email.policy
import socketserver
import threading


class SMTPSink:
    def __init__(self):
        self.messages = []
        sink = self

        class Session(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write((line + "\r\n").encode())

            def handle(self):
                self.reply("220 sink ready")
                recipients, lines, in_data = [], [], False
                for raw in self.rfile:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if in_data:
                        if line == ".":
                            in_data = False
                            message = email.message_from_string("\r\n".join(lines), policy=email.policy.default)
                            sink.messages.append((recipients, message))
                            recipients, lines = [], []
                            self.reply("250 2.0.0 queued")
                        else:
                            lines.append(line[1:] if line.startswith("..") else line)
                        continue
                    verb = line.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250-sink\r\n250 8BITMIME")
                    elif verb == "RCPT":
                        recipients.append(line.split(":", 1)[1].strip().strip("<>"))
                        self.reply("250 2.1.5 ok")
                    elif verb == "DATA":
                        in_data = True
                        self.reply("354 end with .")
                    elif verb == "QUIT":
                        self.reply("221 2.0.0 bye")
                        return
                    else:  # MAIL, RSET, NOOP
                        self.reply("250 2.0.0 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def last_to(self, address):
        """The last message to `address` (subject and body decoded), or None."""
        for recipients, message in reversed(self.messages):
            if address in recipients:
                return message
        return None

    def close(self):
        self.server.shutdown()
        self.server.server_close()
