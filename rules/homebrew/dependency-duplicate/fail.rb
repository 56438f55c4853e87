class Fail < Formula
  depends_on "gettext" => :build
  depends_on "pkg-config" => :build
  depends_on "gettext"
#~^ homebrew/dependency-duplicate
  on_linux do
    depends_on "zlib"
    depends_on "zlib"
#~^ homebrew/dependency-duplicate
  end
end
