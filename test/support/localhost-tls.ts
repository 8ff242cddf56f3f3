/**
 * A self-signed certificate for 127.0.0.1 and localhost (valid until 2126), made for tests only with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj /CN=127.0.0.1
 * -addext subjectAltName=IP:127.0.0.1,DNS:localhost`: an HTTPS test server presents it and a client trusts it as
 * its `ca`. Its key is public: never trust it outside tests.
 */
export const localhostTls = {
  cert: `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUFLppdAMhsMECcmrgyWMP62pm+cUwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMjE0MzYyNloYDzIxMjYxMTA4
MTQzNjI2WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARl6elRxFNW65lLl/rIwjrRHkxEoBA6+4DOZdpZH+0aLdrIO6HRawcV
MOksPVSGMc+BRzifwbClk11UUdAcq1mXo28wbTAdBgNVHQ4EFgQUzjmSCFbA7BIj
y+ewggjMv21iae8wHwYDVR0jBBgwFoAUzjmSCFbA7BIjy+ewggjMv21iae8wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAJkXOrRrRyt+8V5OCo5jMXTgv0xH+oUGuH4joSpl09vNAiB+
Xf+uI3XhrinuV/mOjjC37mEXmxZ4Pb2V4iXsHj3LbA==
-----END CERTIFICATE-----
`,
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyuO2+QUmfLK/VmW6
UXCrOjavvbhU8HMMMmHGrdgWd0+hRANCAARl6elRxFNW65lLl/rIwjrRHkxEoBA6
+4DOZdpZH+0aLdrIO6HRawcVMOksPVSGMc+BRzifwbClk11UUdAcq1mX
-----END PRIVATE KEY-----
`,
}
