provider "axiom" {
  api_token = var.axiom_api_token
}
