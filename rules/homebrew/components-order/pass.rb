class Pass < Formula
  desc "Tool for demos"
  homepage "https://example.org/demo"
  url "https://example.org/demo-1.0.tar.gz"
  mirror "https://mirror.example.net/demo-1.0.tar.gz"
  sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  license "MIT"
  revision 1
  head "https://example.org/demo.git", branch: "main"

  livecheck do
    url :stable
  end

  bottle do
    sha256 cellar: :any, ventura: "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  end

  keg_only :provided_by_macos

  depends_on "pkg-config" => :build
  uses_from_macos "zlib"

  on_macos do
    depends_on "gettext"
  end

  on_linux do
    depends_on "bzip2"
    ignore_missing_libraries "libjvm.so"
  end

  conflicts_with "other", because: "both install `demo`"

  resource "extra" do
    url "https://example.org/extra-1.0.tar.gz"
    sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  end

  patch :DATA

  def install
    system "make", "install"
  end

  service do
    run opt_bin/"demo"
  end

  test do
    system bin/"demo", "--check"
  end
end
