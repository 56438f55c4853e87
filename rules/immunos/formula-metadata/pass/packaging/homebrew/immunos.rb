class Immunos < Formula
  include Language::Python::Virtualenv

  desc "Research-data integrity checks with an immune-system memory"
  homepage "https://github.com/biobitworks/immunos"
  url "https://files.pythonhosted.org/packages/source/i/immunos/immunos-1.4.2.tar.gz"
  sha256 "ef1c80d12696b349a3b3ee42373c845e760c933b09e8dc36fc7ad9c10f1c7114"
  license "MIT"
  head "https://github.com/biobitworks/immunos.git", branch: "main"

  depends_on "python@3.13"

  def install
    virtualenv_install_with_resources
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/immunos --version")

    (testpath/"data/plate-01.csv").write "well,signal\nA1,0.42\n"
    system bin/"immunos", "remember", testpath/"data"
    assert_match "no anomalies", shell_output("#{bin}/immunos check #{testpath}/data")

    (testpath/"data/plate-01.csv").append_lines "A2,0.37"
    assert_match "changed: plate-01.csv", shell_output("#{bin}/immunos check #{testpath}/data", 1)
  end
end
