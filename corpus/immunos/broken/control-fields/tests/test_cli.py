import contextlib
import io
import tempfile
import unittest
from pathlib import Path

from immunos import __version__
from immunos.cli import main


def run(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(argv))
    return status, out.getvalue()


class CliTest(unittest.TestCase):
    def test_version(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), self.assertRaises(SystemExit):
            main(["--version"])
        self.assertEqual(out.getvalue().strip(), f"immunos {__version__}")

    def test_remember_then_check(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "a.csv").write_text("id,value\n1,42\n")
            (root / "b.csv").write_text("id,value\n2,7\n")
            self.assertEqual(run("remember", tmp + "/")[0], 0)
            status, text = run("check", tmp + "/")
            self.assertEqual(status, 0)
            self.assertTrue(text.startswith(f"no anomalies in {tmp}/ (memory of "), text)
            (root / "a.csv").write_text("id,value\n1,43\n")
            (root / "b.csv").unlink()
            (root / "c.csv").write_text("")
            status, text = run("check", tmp)
            self.assertEqual(status, 1)
            self.assertEqual(text.splitlines()[:3], ["changed: a.csv", "new: c.csv", "missing: b.csv"])


if __name__ == "__main__":
    unittest.main()
