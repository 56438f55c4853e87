class Fail < Formula
  desc "Tool for demos"
  homepage "https://example.org/demo"
  url "https://example.org/demo-1.0.tar.gz"
  license "MIT"
  sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
#~^ homebrew/components-order

  on_linux do
    depends_on "zlib"
  end

  on_linux do
#~^ homebrew/components-order
    depends_on "bzip2"
  end

  on_macos do
    keep_alive true
#~^ homebrew/components-order
  end
end
