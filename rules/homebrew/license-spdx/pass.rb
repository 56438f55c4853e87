class Pass < Formula
  license all_of: [:public_domain, "bsd-3-clause", "MPL-1.1+", "LGPL-2.1-or-later" => { with: "OCaml-LGPL-linking-exception" }]
end
