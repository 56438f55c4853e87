class Pass < Formula
  url "https://example.org/demo-1.0.tar.gz"
  sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
end
