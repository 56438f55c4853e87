class Pass < Formula
  # Homebrew would read 20221020 here
  url "https://example.org/acpica-unix-20221020.tar_0.gz"
  version "20221020.0"
  resource "extra" do
    url "https://example.org/extra-1.2.3.tar.gz"
  end
end
