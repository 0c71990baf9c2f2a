//! A sandbox on a free port and a small HTTP client for the tests.
#![allow(dead_code)]

use std::collections::HashMap;

use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use m3ter_sandbox::{Config, Running, DEMO_ORG, DEMO_TOKEN};
use serde_json::Value;

pub struct Sandbox {
    pub running: Running,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<bytes::Bytes>>,
}

pub struct Answer {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

impl Sandbox {
    pub async fn start() -> Sandbox {
        Self::with(Config::default()).await
    }

    pub async fn with(mut config: Config) -> Sandbox {
        config.addr = "127.0.0.1:0".parse().expect("addr");
        let running = m3ter_sandbox::start(config).await.expect("start sandbox");
        let client = Client::builder(TokioExecutor::new()).build_http();
        Sandbox { running, client }
    }

    /// `/organizations/{org}/{rest}`
    pub fn org(rest: &str) -> String {
        format!("/organizations/{DEMO_ORG}/{rest}")
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Result<Answer, String> {
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.running.url()));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(Full::new(bytes::Bytes::from(body.unwrap_or_default())))
            .map_err(|e| e.to_string())?;
        let resp = self
            .client
            .request(req)
            .await
            .map_err(|e| format!("{e:?}"))?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{e:?}"))?
            .to_bytes();
        Ok(Answer {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// An authorized API call with the demo token.
    pub async fn api(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let auth = format!("Bearer {DEMO_TOKEN}");
        let headers = [
            ("authorization", auth.as_str()),
            ("content-type", "application/json"),
        ];
        self.request(method, path, &headers, body.map(|b| b.to_string()))
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.api("GET", path, None).await
    }

    /// Follows `nextToken` to the end; returns every item.
    pub async fn all(&self, collection: &str, page_size: usize) -> Vec<Value> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut path = format!("{}?pageSize={page_size}", Self::org(collection));
            if let Some(t) = &token {
                path.push_str(&format!("&nextToken={t}"));
            }
            let page = self.get(&path).await;
            assert_eq!(page.status, 200, "{}", page.text);
            let body = page.json();
            items.extend(body["data"].as_array().cloned().unwrap_or_default());
            match body["nextToken"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        items
    }

    /// A control call with a body sent exactly as given.
    pub async fn admin_text(&self, method: &str, path: &str, body: String) -> Answer {
        self.request(
            method,
            path,
            &[("content-type", "application/json")],
            Some(body),
        )
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub async fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        self.request(
            method,
            path,
            &[("content-type", "application/json")],
            body.map(|b| b.to_string()),
        )
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }
}

pub fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|v| v["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}
