# speclint's Homebrew formula, clean under `speclint --policy homebrew` (tests/dogfood.rs).
class Speclint < Formula
  desc "Policy-as-code linter for packaging files"
  homepage "https://github.com/speclint/speclint"
  url "https://github.com/speclint/speclint/archive/refs/tags/v0.1.0.tar.gz"
  # the release script writes the v0.1.0 archive's checksum here
  sha256 "5f4dcc3b5aa765d61d8327deb882cf99c2d9ad8ad4f1f6f1b5f34f4d5bb2a6a1"
  license "MIT"
  head "https://github.com/speclint/speclint.git", branch: "main"

  depends_on "rust" => :build

  def install
    system "cargo", "install", *std_cargo_args
  end

  test do
    (testpath/"demo.spec").write <<~EOS
      Name: demo
      Version: 1.0
      Release: 1%{?dist}
      Summary: Demo
      License: MIT
      %description
      Demo.
      %prep
      %setup
      %files
    EOS
    output = shell_output("#{bin}/speclint --policy rpm --color never #{testpath}/demo.spec", 1)
    assert_match "rpm/setup-not-quiet", output
  end
end
