# Terraform: Neovim calls it `terraform` (or `tf`), and the README snippet must still attach.
provider "axiom" {
  api_token = "xapt-5b1e4c2a-7d3f-4e8a-9c6b-2f0d1a3e5b7c"
}
