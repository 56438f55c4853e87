class Pass < Formula
  depends_on "gettext"
  on_linux do
    depends_on "gettext" => :build
  end
  on_macos do
    depends_on "gettext" => :build
  end
end
