class Fail < Formula
  url "https://example.org/download.php?id=42"
  version "1.2.3_1"
#~^ homebrew/version-format
end
