class Fail < Formula
  depends_on "cmake" => :build
  depends_on "openssl@3"
  depends_on "pkg-config" => :build
#~^ homebrew/dependency-order
  depends_on "zlib"
  depends_on "Boost"
#~^ homebrew/dependency-order
  uses_from_macos "zlib"
  uses_from_macos "curl"
#~^ homebrew/dependency-order

  on_linux do
    depends_on "gcc" => :test
    depends_on "autoconf" => :build
#~^ homebrew/dependency-order
  end
end
