-- POST /validate with a valid JSON body (the lab's contract: name, price, quantity).
wrk.method = "POST"
wrk.body = '{"name": " Lab widget ", "price": 9.5, "quantity": 3}'
wrk.headers["Content-Type"] = "application/json"
