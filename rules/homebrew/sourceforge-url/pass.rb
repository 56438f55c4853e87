class Pass < Formula
  url "https://downloads.sourceforge.net/project/demo/demo-1.0.tar.gz"
  livecheck do
    url "https://sourceforge.net/projects/demo/rss"
  end
end
