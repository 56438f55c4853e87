class Fail < Formula
  url "https://downloads.sourceforge.net/project/demo/demo-1.0.tar.gz?use_mirror=netcologne"
#~^ homebrew/sourceforge-url
  mirror "https://prdownloads.sourceforge.net/demo/demo-1.0.tar.gz"
#~^ homebrew/sourceforge-url
  resource "extra" do
    url "https://downloads.sf.net/project/demo/extra-1.0.tar.gz"
#~^ homebrew/sourceforge-url
  end
end
