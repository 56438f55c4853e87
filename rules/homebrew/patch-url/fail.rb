class Fail < Formula
  patch do
    url "https://github.com/example/demo/commit/0123456789abcdef0123456789abcdef01234567.patch"
#~^ homebrew/patch-url
    sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  end

  resource "extra" do
    url "https://example.org/extra-1.0.tar.gz"
    sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
    patch do
      url "https://raw.githubusercontent.com/example/patches/master/extra.diff"
#~^ homebrew/patch-url
      sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
    end
  end
end
