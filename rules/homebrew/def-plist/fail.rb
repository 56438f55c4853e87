class Fail < Formula
  plist_options manual: "demo"

  def plist
#~^ homebrew/def-plist
    <<~EOS
      <?xml version="1.0" encoding="UTF-8"?>
    EOS
  end
end
