class Pass < Formula
  service do
    run [opt_bin/"demo", "serve"]
  end
end
