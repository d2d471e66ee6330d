"""A real SMTP server on loopback for scripts/test-failover, from Python's standard library
(smtpd, in Python 3.11): every message it accepts becomes a file in DIR, numbered in the order it
came, so that a message delivered twice is two files.
    python3 smtp-sink.py PORT DIR"""

import asyncore
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    count = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        Sink.count += 1
        path = os.path.join(self.directory, "%06d.eml" % Sink.count)
        with open(path + ".tmp", "wb") as out:
            out.write(data if isinstance(data, bytes) else data.encode())
        os.rename(path + ".tmp", path)


port, directory = int(sys.argv[1]), sys.argv[2]
os.makedirs(directory, exist_ok=True)
server = Sink(("127.0.0.1", port), None, decode_data=False)
server.directory = directory
asyncore.loop()
