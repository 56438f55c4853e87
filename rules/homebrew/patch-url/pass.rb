class Pass < Formula
  patch do
    url "https://raw.githubusercontent.com/Homebrew/formula-patches/0123456/demo/fix.diff"
    sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  end
  patch do
    url "https://github.com/example/demo/commit/0123456789abcdef0123456789abcdef01234567.patch?full_index=1"
    sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  end
  patch :DATA
end
