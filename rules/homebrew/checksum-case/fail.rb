class Fail < Formula
  url "https://example.org/demo-1.0.tar.gz"
  sha256 "EF1C80D12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
#~^ homebrew/checksum-case
end
